package kr.compliance.results;

/** No run answers the question: the period has no completed run, or the run named is not one of it. */
public class RunNotFoundException extends RuntimeException {

    public RunNotFoundException(String message) {
        super(message);
    }
}
