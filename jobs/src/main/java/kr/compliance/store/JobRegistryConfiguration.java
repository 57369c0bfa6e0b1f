package kr.compliance.store;

import org.springframework.batch.core.configuration.DuplicateJobException;
import org.springframework.batch.core.configuration.JobRegistry;
import org.springframework.batch.core.configuration.support.MapJobRegistry;
import org.springframework.batch.core.job.Job;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The registry the scheduler finds jobs in by name, whichever capability defined them (Boot 4
 * defines none). Every job bean is registered under its job name: Batch 6.0's own discovery keys
 * them by bean name (spring-batch#5122), which is not the name a schedule or a launch uses.
 */
@Configuration(proxyBeanMethods = false)
class JobRegistryConfiguration {

    @Bean
    JobRegistry jobRegistry(ObjectProvider<Job> jobs) {
        return new MapJobRegistry() {
            @Override
            public void afterSingletonsInstantiated() {
                for (Job job : jobs) {
                    try {
                        register(job);
                    } catch (DuplicateJobException e) {
                        throw new IllegalStateException("two Batch jobs are named " + job.getName(), e);
                    }
                }
            }
        };
    }
}
