package kr.compliance.store;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * One of {@code count} partitions of a file, by key. A row belongs to the partition its record id
 * hashes to (CRC32 of the id as stored, trimmed, in UTF-8, mod {@code count}), so every row of one
 * record is stored by one partition, in file order. A row without an id (it can only be a
 * rejection) belongs to partition 0, so each row is counted and kept once.
 *
 * <p>The database computes the same hash ({@code CRC32(id)} over its utf8mb4 bytes), which lets a
 * partition ask whether any of its own keys is stored yet. The partitions' names ({@link
 * #executionName}) are also those of scoring's partitions, which are ranges of subject ids instead.
 */
public record KeyPartition(int index, int count) {

    public static final KeyPartition WHOLE = new KeyPartition(0, 1);

    private static final String INDEX = "partition.index";
    private static final String COUNT = "partition.count";
    private static final String PARTITION = "partition";
    private static final String EXECUTION_SEPARATOR = ":";

    public KeyPartition {
        if (count < 1 || index < 0 || index >= count) {
            throw new IllegalArgumentException("no partition " + index + " of " + count);
        }
    }

    /** Whether the row whose raw id field is {@code rawId} (null when absent) belongs here. */
    public boolean owns(String rawId) {
        if (count == 1) {
            return true;
        }
        String id = rawId == null ? "" : rawId.strip();
        return (id.isEmpty() ? 0 : hash(id) % count) == index;
    }

    /** The SQL condition that keeps this partition's keys of {@code idColumn}, or "TRUE" for the whole file. */
    public String sqlCondition(String idColumn) {
        return count == 1 ? "TRUE" : "CRC32(" + idColumn + ") % " + count + " = " + index;
    }

    public static long hash(String id) {
        CRC32 crc = new CRC32();
        crc.update(id.getBytes(StandardCharsets.UTF_8));
        return crc.getValue();
    }

    /** The partition a step execution was given, or the whole file for a step that was not partitioned. */
    public static KeyPartition of(ExecutionContext context) {
        return context.containsKey(COUNT) ? new KeyPartition(context.getInt(INDEX), context.getInt(COUNT)) : WHOLE;
    }

    /**
     * Splits a file into {@code gridSize} key partitions. On a restart Spring
     * Batch asks again with the grid size of the first run, so a killed load resumes with the
     * partitions it began with whatever the configuration says now.
     */
    public static Partitioner partitioner() {
        return gridSize -> {
            Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
            for (int index = 0; index < gridSize; index++) {
                ExecutionContext context = new ExecutionContext();
                context.putInt(INDEX, index);
                context.putInt(COUNT, gridSize);
                partitions.put(partitionName(index), context);
            }
            return partitions;
        };
    }

    public static String partitionName(int index) {
        return PARTITION + index;
    }

    /** The name Spring Batch gives the execution of partition {@code index} of step {@code stepName}. */
    public static String executionName(String stepName, int index) {
        return stepName + EXECUTION_SEPARATOR + partitionName(index);
    }

    /** Whether a step execution is one partition's (named by {@link #executionName}), not a whole step's. */
    public static boolean isPartitionExecution(String stepExecutionName) {
        return stepExecutionName.contains(EXECUTION_SEPARATOR + PARTITION);
    }
}
