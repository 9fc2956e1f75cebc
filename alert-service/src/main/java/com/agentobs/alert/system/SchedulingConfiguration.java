package com.agentobs.alert.system;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/** The clock every time decision reads (tests replay time through the evaluator instead) and the background scheduler. */
@Configuration(proxyBeanMethods = false)
class SchedulingConfiguration {

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean(destroyMethod = "shutdown")
	ThreadPoolTaskScheduler alertScheduler() {
		ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
		scheduler.setPoolSize(2);
		scheduler.setThreadNamePrefix("alert-");
		scheduler.setWaitForTasksToCompleteOnShutdown(false);
		scheduler.initialize();
		return scheduler;
	}

}
