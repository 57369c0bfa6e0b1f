package kr.compliance.serve;

/** The three roles of {@code docs/api.md}; each may do everything the one below it may. */
public enum Role {
    AUDITOR,
    OFFICER,
    ADMIN
}
