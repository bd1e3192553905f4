package io.lanvan.persistence.internal.audit;

import io.lanvan.api.audit.AuditCheckpoint;
import io.lanvan.api.audit.AuditFilter;
import io.lanvan.api.audit.AuditOrder;
import io.lanvan.api.audit.AuditPage;
import io.lanvan.api.audit.AuditQuery;
import io.lanvan.api.audit.AuditRecord;
import io.lanvan.api.store.AuditStore;
import io.lanvan.api.store.StoreException;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.function.Predicate;
import org.hibernate.SessionFactory;
import org.hibernate.StatelessSession;

/**
 * The audit log's records in the database.
 *
 * <p>Appends are the hot path (the audit log's group commit hands over up to hundreds of records
 * per transaction, thousands per second), so they bypass entity instances: one JDBC batch of
 * INSERTs on the connection of a Hibernate transaction ({@code doWork}), which pgjdbc sends as
 * multi-row INSERTs ({@code reWriteBatchedInserts}). A batching StatelessSession would also work,
 * but would build an entity per record and depend on {@code hibernate.jdbc.batch_size} handling in
 * stateless sessions; plain JDBC states exactly what runs. Reads, the purge and the checkpoint go
 * through Hibernate's stateless sessions: no persistence context grows while millions of rows
 * stream by in keyset-paged batches.
 */
public final class HibernateAuditStore implements AuditStore {
    private static final String INSERT = "insert into audit_record"
            + " (seq, recorded_at, action, actor, subject, details, previous_hash, hash) values (?, ?, ?, ?, ?, ?, ?, ?)";

    private final SessionFactory sessions;
    private final DetailsJson json = new DetailsJson();

    public HibernateAuditStore(SessionFactory sessions) {
        this.sessions = sessions;
    }

    @Override
    public void append(List<AuditRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        inTransaction("append " + records.size() + " audit records", session -> {
            session.doWork(connection -> {
                try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                    for (AuditRecord record : records) {
                        insert.setLong(1, record.sequence());
                        insert.setObject(2, OffsetDateTime.ofInstant(record.timestamp(), ZoneOffset.UTC));
                        insert.setString(3, record.action());
                        insert.setString(4, record.actor());
                        insert.setString(5, record.subject());
                        insert.setString(6, json.write(record.details()));
                        insert.setString(7, record.previousHash());
                        insert.setString(8, record.hash());
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
            });
            return null;
        });
    }

    @Override
    public Optional<AuditRecord> last() {
        return read("read the last audit record", session -> session
                .createSelectionQuery("from AuditRecordRow r order by r.sequence desc", AuditRecordRow.class)
                .setMaxResults(1).getResultList().stream().findFirst().map(this::record));
    }

    @Override
    public AuditPage page(AuditQuery query) {
        RowSelection selection = query.order() == AuditOrder.NEWEST_FIRST
                ? RowSelection.descending(query.filter(), query.cursor())
                : RowSelection.ascending(query.filter(), query.cursor());
        List<AuditRecord> records = read("read a page of audit records", session ->
                selection.query(session, query.limit() + 1).getResultList().stream().map(this::record).toList());
        if (records.size() <= query.limit()) {
            return new AuditPage(records, OptionalLong.empty());
        }
        List<AuditRecord> page = records.subList(0, query.limit());
        return new AuditPage(page, OptionalLong.of(page.get(page.size() - 1).sequence()));
    }

    @Override
    public long scan(AuditFilter filter, long afterSequence, int batchSize, Predicate<List<AuditRecord>> batches) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, was " + batchSize);
        }
        long handedOver = 0;
        long cursor = afterSequence;
        while (true) {
            long after = cursor;
            List<AuditRecord> batch = read("scan audit records", session ->
                    RowSelection.ascending(filter, after).query(session, batchSize).getResultList()
                            .stream().map(this::record).toList());
            if (batch.isEmpty()) {
                return handedOver;
            }
            handedOver += batch.size();
            cursor = batch.get(batch.size() - 1).sequence();
            if (!batches.test(batch) || batch.size() < batchSize) {
                return handedOver;
            }
        }
    }

    @Override
    public Optional<AuditCheckpoint> checkpoint() {
        return read("read the audit checkpoint", session ->
                Optional.ofNullable(session.get(AuditCheckpointRow.class, AuditCheckpointRow.ID))
                        .map(row -> new AuditCheckpoint(row.sequence(), row.hash(), row.purgedAt())));
    }

    @Override
    public long purgeBefore(Instant cutoff, Instant purgedAt) {
        return inTransaction("purge audit records before " + cutoff, session -> {
            Long through = session.createSelectionQuery(
                            "select max(r.sequence) from AuditRecordRow r where r.recordedAt < :cutoff", Long.class)
                    .setParameter("cutoff", cutoff).getSingleResult();
            if (through == null) {
                return 0L;
            }
            AuditRecordRow lastPurged = session.get(AuditRecordRow.class, through);
            long deleted = session.createMutationQuery("delete from AuditRecordRow r where r.sequence <= :through")
                    .setParameter("through", through).executeUpdate();
            AuditCheckpointRow checkpoint = session.get(AuditCheckpointRow.class, AuditCheckpointRow.ID);
            if (checkpoint == null) {
                session.insert(new AuditCheckpointRow(through, lastPurged.hash(), purgedAt));
            } else {
                checkpoint.move(through, lastPurged.hash(), purgedAt);
                session.update(checkpoint);
            }
            return deleted;
        });
    }

    private AuditRecord record(AuditRecordRow row) {
        return new AuditRecord(row.sequence(), row.recordedAt(), row.action(), row.actor(), row.subject(),
                json.read(row.details()), row.previousHash(), row.hash());
    }

    private <R> R read(String what, Function<StatelessSession, R> work) {
        try {
            return sessions.fromStatelessSession(work);
        } catch (RuntimeException e) {
            throw new StoreException("Could not " + what + ": " + e.getMessage(), e);
        }
    }

    private <R> R inTransaction(String what, Function<StatelessSession, R> work) {
        try {
            return sessions.fromStatelessTransaction(work);
        } catch (RuntimeException e) {
            throw new StoreException("Could not " + what + ": " + e.getMessage(), e);
        }
    }
}
