package kr.compliance.sources;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.xml.sax.Attributes;
import org.xml.sax.Locator;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads the suites of one JUnit XML report as Maven Surefire writes it (also Gradle, pytest and
 * most CI tools): {@code testsuite} elements, at the root or inside {@code testsuites}, each with
 * {@code testcase} children that hold {@code failure}, {@code error} or {@code skipped} when they
 * did not pass. Counts come from the test cases themselves, not from the suite's summary attributes.
 * Only element names and attributes are read; text (messages, stack traces, output) is ignored.
 */
final class SurefireSuites extends DefaultHandler {

    /**
     * One suite.
     *
     * @param timestamp the suite's {@code timestamp} attribute as written, or null (Surefire writes none)
     * @param seconds the suite's {@code time} attribute, zero if absent
     */
    record Suite(String name, String timestamp, BigDecimal seconds, int tests, int failures, int errors, int skipped) {

        Duration duration() {
            return Duration.ofNanos(seconds.movePointRight(9).longValue());
        }

        /** Failure beats error beats "nothing ran"; a suite where some test ran and none failed passed. */
        String result() {
            if (failures > 0) {
                return "FAILED";
            }
            if (errors > 0) {
                return "ERROR";
            }
            return tests - skipped == 0 ? "SKIPPED" : "PASSED";
        }
    }

    private static final class Open {
        final String name;
        final String timestamp;
        final BigDecimal seconds;
        int tests;
        int failures;
        int errors;
        int skipped;
        boolean holdsSuites;

        Open(String name, String timestamp, BigDecimal seconds) {
            this.name = name;
            this.timestamp = timestamp;
            this.seconds = seconds;
        }

        Suite closed() {
            return new Suite(name, timestamp, seconds, tests, failures, errors, skipped);
        }
    }

    private static final BigDecimal A_YEAR_IN_SECONDS = BigDecimal.valueOf(366L * 24 * 3600);

    private final List<Suite> suites = new ArrayList<>();
    private final Deque<Open> open = new ArrayDeque<>();
    private Locator locator;
    private int depth;
    private int testcaseDepth = -1;
    private String testcaseOutcome;

    List<Suite> suites() {
        return suites;
    }

    @Override
    public void setDocumentLocator(Locator locator) {
        this.locator = locator;
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes attributes)
            throws SAXParseException {
        depth++;
        if (depth == 1 && !qName.equals("testsuite") && !qName.equals("testsuites")) {
            throw new SAXParseException(
                    "the root element is <" + qName + ">, not <testsuite> or <testsuites>", locator);
        }
        switch (qName) {
            case "testsuite" -> {
                if (!open.isEmpty()) {
                    open.peek().holdsSuites = true;
                }
                open.push(new Open(
                        attributes.getValue("name"),
                        attributes.getValue("timestamp"),
                        seconds(attributes.getValue("time"))));
            }
            case "testcase" -> {
                if (open.isEmpty()) {
                    throw new SAXParseException("a <testcase> outside any <testsuite>", locator);
                }
                testcaseDepth = depth;
                testcaseOutcome = null;
            }
            case "failure", "error", "skipped" -> {
                // only a direct child of a test case says how it went (Surefire's flakyFailure etc. do not)
                if (depth == testcaseDepth + 1 && testcaseOutcome == null) {
                    testcaseOutcome = qName;
                }
            }
            default -> {}
        }
    }

    @Override
    public void endElement(String uri, String localName, String qName) {
        if (qName.equals("testcase") && depth == testcaseDepth) {
            Open suite = open.peek();
            suite.tests++;
            if ("failure".equals(testcaseOutcome)) {
                suite.failures++;
            } else if ("error".equals(testcaseOutcome)) {
                suite.errors++;
            } else if ("skipped".equals(testcaseOutcome)) {
                suite.skipped++;
            }
            testcaseDepth = -1;
        } else if (qName.equals("testsuite")) {
            Open suite = open.pop();
            // a suite of suites counts its test cases in the suites it holds
            if (suite.tests > 0 || !suite.holdsSuites) {
                suites.add(suite.closed());
            }
        }
        depth--;
    }

    /**
     * Seconds as Surefire writes them; some versions group thousands with a comma. Bounded to a year,
     * so no written value overflows a duration.
     */
    private BigDecimal seconds(String time) throws SAXParseException {
        if (time == null || time.isBlank()) {
            return BigDecimal.ZERO;
        }
        try {
            BigDecimal seconds = new BigDecimal(time.strip().replace(",", ""));
            if (seconds.signum() >= 0 && seconds.compareTo(A_YEAR_IN_SECONDS) <= 0) {
                return seconds;
            }
        } catch (NumberFormatException e) {
            // reported below with the position
        }
        throw new SAXParseException("the suite's time '" + time + "' is not a number of seconds up to a year", locator);
    }
}
