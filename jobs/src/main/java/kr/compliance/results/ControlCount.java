package kr.compliance.results;

/** One control's findings of a run, counted by status. */
public record ControlCount(String controlId, long pass, long fail, long exception, long pending) {}
