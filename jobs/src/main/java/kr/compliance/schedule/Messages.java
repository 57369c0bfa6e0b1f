package kr.compliance.schedule;

/** Error texts as stored: one line, short enough for the error columns. */
final class Messages {

    private static final int ERROR_COLUMN = 4000;

    private Messages() {}

    static String clip(String message) {
        if (message == null) {
            return null;
        }
        String oneLine = message.replaceAll("\\s*\\R\\s*", " ").strip();
        return oneLine.length() <= ERROR_COLUMN ? oneLine : oneLine.substring(0, ERROR_COLUMN - 1) + "…";
    }

    static String of(Throwable failure) {
        return failure.getMessage() != null
                ? failure.getMessage()
                : failure.getClass().getSimpleName();
    }
}
