package kr.compliance;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The compliance evidence system. Data flows one way: source drops are loaded by {@code ingest}
 * into the {@code store}, judged by {@code scoring}, and handed out by {@code pack} and
 * {@code serve}; {@code schedule} runs them at night and {@code cli} on demand.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ComplianceApplication {}
