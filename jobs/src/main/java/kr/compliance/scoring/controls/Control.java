package kr.compliance.scoring.controls;

import java.util.Optional;

/**
 * One control of docs/controls.md: a small rule over the facts of one subject. A control that does not
 * apply to a subject gives no verdict.
 *
 * @param <F> the facts of the subject kind it judges
 */
public interface Control<F> {

    /** The control id, e.g. {@code R2.3}. */
    String id();

    Optional<Verdict> judge(F facts, Judging judging);

    /** The requirement the control belongs to, e.g. {@code R2}. */
    default String requirement() {
        return id().substring(0, id().indexOf('.'));
    }
}
