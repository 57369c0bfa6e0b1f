package kr.compliance.serve;

/** Every error of the API: {@code {"error": "...", "status": N}}, never a stack trace. */
public record ErrorBody(String error, int status) {}
