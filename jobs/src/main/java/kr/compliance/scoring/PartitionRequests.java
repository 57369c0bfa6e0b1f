package kr.compliance.scoring;

import java.util.HashMap;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.channel.QueueChannel;
import org.springframework.integration.jdbc.store.JdbcChannelMessageStore;
import org.springframework.integration.jdbc.store.channel.MySqlChannelMessageStoreQueryProvider;
import org.springframework.integration.store.MessageGroupQueue;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.GenericMessage;

/**
 * The queue that carries partition requests from a scoring manager to {@code compliance worker}
 * processes: a Spring Integration {@link QueueChannel} kept in the store itself
 * ({@code INT_CHANNEL_MESSAGE}, schema V0093), so a manager and its workers on several machines
 * need nothing but the one database. The manager sends through the channel; a worker takes from
 * the store directly, in a transaction of its own ({@link ScoringWorker}), so one worker only gets
 * a request ({@code SELECT ... FOR UPDATE SKIP LOCKED}, then deleted) and the request stays queued
 * should the worker die before it names the partition as its own. Replies are not sent: the
 * manager reads each partition's end from the job repository.
 */
@Configuration(proxyBeanMethods = false)
class PartitionRequests {

    /** The queue's name in the table: scoring's partitions, of any run. */
    static final String QUEUE = "scoring-partitions";

    @Bean
    JdbcChannelMessageStore partitionRequestStore(DataSource dataSource) {
        JdbcChannelMessageStore store = new JdbcChannelMessageStore(dataSource);
        store.setChannelMessageStoreQueryProvider(new MySqlChannelMessageStoreQueryProvider());
        // a request is read back only as the classes it was written as: nothing else is deserialized
        store.addAllowedPatterns(
                GenericMessage.class.getName(),
                MessageHeaders.class.getName(),
                HashMap.class.getName(),
                UUID.class.getName(),
                StepExecutionRequest.class.getName());
        // the table is checked when a queue is used, not by every command that starts
        store.setCheckDatabaseOnStart(false);
        return store;
    }

    @Bean
    QueueChannel partitionRequestQueue(JdbcChannelMessageStore partitionRequestStore) {
        return new QueueChannel(new MessageGroupQueue(partitionRequestStore, QUEUE));
    }
}
