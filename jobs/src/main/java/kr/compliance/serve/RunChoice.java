package kr.compliance.serve;

import kr.compliance.results.Run;
import kr.compliance.results.RunNotFoundException;
import kr.compliance.results.ScoringResults;
import kr.compliance.store.Quarter;
import org.springframework.stereotype.Component;

/**
 * The period and run a request names, parsed once: {@code 2026Q3} and an optional {@code run},
 * else the period's submitted run, else its latest completed run. A period written otherwise is a
 * 400; a period without such a run, or a run not of it, a 404.
 */
@Component
class RunChoice {

    private final ScoringResults results;

    RunChoice(ScoringResults results) {
        this.results = results;
    }

    static Quarter period(String text) {
        try {
            return Quarter.parse(text);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
    }

    Run run(String period, Long runId) {
        try {
            return results.chosenRun(period(period), runId);
        } catch (RunNotFoundException e) {
            throw new NotFoundException(e.getMessage());
        }
    }
}
