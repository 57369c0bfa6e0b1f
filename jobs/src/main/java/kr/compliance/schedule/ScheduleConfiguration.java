package kr.compliance.schedule;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/** The executor of runs requested through the API, off the request threads. */
@Configuration(proxyBeanMethods = false)
class ScheduleConfiguration {

    static final String RUN_EXECUTOR = "runExecutor";

    @Bean(RUN_EXECUTOR)
    ThreadPoolTaskExecutor runExecutor() {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setThreadNamePrefix("run-");
        // one run per period at a time (the period lock); a few periods may run side by side
        executor.setCorePoolSize(2);
        executor.setMaxPoolSize(2);
        executor.setQueueCapacity(16);
        executor.setWaitForTasksToCompleteOnShutdown(true);
        executor.setAwaitTerminationSeconds(30);
        return executor;
    }
}
