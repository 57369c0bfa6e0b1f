package kr.compliance.store;

import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The two zones of the system.
 *
 * @param source the zone assumed for source timestamps written without an offset
 * @param report the zone of periods, packs and reasons
 */
@ConfigurationProperties("compliance.zones")
public record Zones(ZoneId source, ZoneId report) {}
