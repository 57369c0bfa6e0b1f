package kr.compliance.schedule;

import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.springframework.batch.core.job.Job;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.stereotype.Component;

/**
 * Finds a Batch job by its runtime name among the application's jobs, whichever capability
 * defined it: the scheduler knows jobs by name only. (Boot 4 defines no {@code JobRegistry}.)
 */
@Component
class BatchJobLookup {

    private final ListableBeanFactory beans;

    BatchJobLookup(ListableBeanFactory beans) {
        this.beans = beans;
    }

    Optional<Job> find(String name) {
        return beans.getBeansOfType(Job.class).values().stream()
                .filter(job -> job.getName().equals(name))
                .findFirst();
    }

    SortedSet<String> names() {
        TreeSet<String> names = new TreeSet<>();
        beans.getBeansOfType(Job.class).values().forEach(job -> names.add(job.getName()));
        return names;
    }
}
