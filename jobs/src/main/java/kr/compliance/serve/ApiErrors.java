package kr.compliance.serve;

import kr.compliance.results.FindingFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Every failure of the API as {@code {"error": "...", "status": N}}, never a stack trace. */
@RestControllerAdvice
class ApiErrors {

    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    @ExceptionHandler(BadRequestException.class)
    ResponseEntity<ErrorBody> badRequest(BadRequestException e) {
        return body(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    /** A filter value no finding can have: 400 with the values there are. */
    @ExceptionHandler(FindingFilter.UnknownFilterException.class)
    ResponseEntity<ErrorBody> unknownFilter(FindingFilter.UnknownFilterException e) {
        return body(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<ErrorBody> notFound(NotFoundException e) {
        return body(HttpStatus.NOT_FOUND, e.getMessage());
    }

    /** A parameter of the wrong type, like {@code page=abc}. */
    @ExceptionHandler(TypeMismatchException.class)
    ResponseEntity<ErrorBody> typeMismatch(TypeMismatchException e) {
        return body(HttpStatus.BAD_REQUEST, "'" + e.getValue() + "' is not a valid value of " + e.getPropertyName());
    }

    /** Spring's own refusals (no such path, wrong method) keep their status; anything else is 500. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ErrorBody> other(Exception e) {
        if (e instanceof ErrorResponse spring) {
            HttpStatus status = HttpStatus.valueOf(spring.getStatusCode().value());
            String detail = spring.getBody().getDetail();
            return body(status, detail == null ? status.getReasonPhrase() : detail);
        }
        log.error("API request failed", e);
        return body(HttpStatus.INTERNAL_SERVER_ERROR, "internal error; the server log has the details");
    }

    private static ResponseEntity<ErrorBody> body(HttpStatus status, String message) {
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_JSON)
                .body(new ErrorBody(message, status.value()));
    }
}
