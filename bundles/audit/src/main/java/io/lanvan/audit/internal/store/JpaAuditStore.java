package io.lanvan.audit.internal.store;

import io.lanvan.api.audit.AuditCheckpoint;
import io.lanvan.api.audit.AuditFilter;
import io.lanvan.api.audit.AuditOrder;
import io.lanvan.api.audit.AuditPage;
import io.lanvan.api.audit.AuditQuery;
import io.lanvan.api.audit.AuditRecord;
import io.lanvan.api.store.StoreException;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.function.Predicate;
import javax.sql.DataSource;

/**
 * The audit log's records in this capability's own schema {@code audit}.
 *
 * <p>Appends are the hot path (the group commit hands over up to hundreds of records per
 * transaction, thousands per second), so they bypass entities: one JDBC batch of INSERTs on a
 * connection of the schema's DataSource, which pgjdbc sends as multi-row INSERTs
 * ({@code reWriteBatchedInserts}); Hibernate's own batching API is private to the persistence bundle.
 * Reads, the purge and the checkpoint go through plain JPA, each in an EntityManager of its own that
 * lives for one call (one page, one batch), so no persistence context grows while millions of rows
 * stream by in keyset-paged batches.
 */
final class JpaAuditStore implements AuditStore {
    private static final String INSERT = "insert into audit_record"
            + " (seq, recorded_at, action, actor, subject, details, previous_hash, hash) values (?, ?, ?, ?, ?, ?, ?, ?)";

    private static final String INSERT_KEY = "insert into audit_subject_key (subject_ref, device_id, data_key, created_at)"
            + " values (?, ?, ?, ?)";
    private static final String SELECT_KEY = "select subject_ref, device_id, data_key, created_at from audit_subject_key";

    private final EntityManagerFactory entities;
    private final DataSource connections;
    private final DetailsJson json = new DetailsJson();

    JpaAuditStore(EntityManagerFactory entities, DataSource connections) {
        this.entities = entities;
        this.connections = connections;
    }

    @Override
    public void append(List<AuditRecord> records, List<SubjectKey> newKeys) {
        if (records.isEmpty() && newKeys.isEmpty()) {
            return;
        }
        // the pool hands connections back with auto-commit restored, whatever happened here
        try (Connection connection = connections.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                insertKeys(connection, newKeys);
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
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                rollBack(connection, e);
                throw e;
            }
        } catch (SQLException | RuntimeException e) {
            throw new StoreException("Could not append " + records.size() + " audit records: " + e.getMessage(), e);
        }
    }

    private static void insertKeys(Connection connection, List<SubjectKey> keys) throws SQLException {
        if (keys.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT_KEY)) {
            for (SubjectKey key : keys) {
                insert.setString(1, key.ref());
                insert.setString(2, key.deviceId());
                insert.setString(3, Base64.getEncoder().encodeToString(key.key()));
                insert.setObject(4, OffsetDateTime.ofInstant(key.createdAt(), ZoneOffset.UTC));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    @Override
    public Optional<SubjectKey> subjectKey(String deviceId) {
        return oneKey("read the data key of a device", SELECT_KEY + " where device_id = ?", deviceId);
    }

    @Override
    public Optional<SubjectKey> subjectKeyByRef(String ref) {
        return oneKey("read a data key", SELECT_KEY + " where subject_ref = ?", ref);
    }

    @Override
    public Optional<SubjectKey> eraseSubjectKey(String deviceId) {
        try (Connection connection = connections.getConnection()) {
            connection.setAutoCommit(false);
            try {
                Optional<SubjectKey> key = oneKey(connection, SELECT_KEY + " where device_id = ?", deviceId);
                if (key.isPresent()) {
                    try (PreparedStatement delete = connection.prepareStatement("delete from audit_subject_key where subject_ref = ?")) {
                        delete.setString(1, key.get().ref());
                        delete.executeUpdate();
                    }
                }
                connection.commit();
                return key;
            } catch (SQLException | RuntimeException e) {
                rollBack(connection, e);
                throw e;
            }
        } catch (SQLException | RuntimeException e) {
            throw new StoreException("Could not erase a data key: " + e.getMessage(), e);
        }
    }

    private Optional<SubjectKey> oneKey(String what, String sql, String value) {
        try (Connection connection = connections.getConnection()) {
            return oneKey(connection, sql, value);
        } catch (SQLException | RuntimeException e) {
            throw new StoreException("Could not " + what + ": " + e.getMessage(), e);
        }
    }

    private static Optional<SubjectKey> oneKey(Connection connection, String sql, String value) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, value);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new SubjectKey(row.getString(1), row.getString(2), Base64.getDecoder().decode(row.getString(3)),
                        row.getObject(4, OffsetDateTime.class).toInstant()));
            }
        }
    }

    /** A rollback that fails too (the connection is gone) must not hide why the batch failed. */
    private static void rollBack(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException | RuntimeException alsoFailed) {
            cause.addSuppressed(alsoFailed);
        }
    }

    @Override
    public Optional<AuditRecord> last() {
        return read("read the last audit record", session -> session
                .createQuery("select r from AuditRecordRow r order by r.sequence desc", AuditRecordRow.class)
                .setMaxResults(1).getResultList().stream().findFirst().map(this::record));
    }

    @Override
    public AuditPage page(AuditQuery query) {
        RowSelection selection = query.order() == AuditOrder.NEWEST_FIRST
                ? RowSelection.descending(query.filter(), query.cursor(), this::sealedPrefix)
                : RowSelection.ascending(query.filter(), query.cursor(), this::sealedPrefix);
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
                    RowSelection.ascending(filter, after, this::sealedPrefix).query(session, batchSize).getResultList()
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
                Optional.ofNullable(session.find(AuditCheckpointRow.class, AuditCheckpointRow.ID))
                        .map(row -> new AuditCheckpoint(row.sequence(), row.hash(), row.purgedAt())));
    }

    @Override
    public long purgeBefore(Instant cutoff, Instant purgedAt) {
        return inTransaction("purge audit records before " + cutoff, session -> {
            Long through = session.createQuery(
                            "select max(r.sequence) from AuditRecordRow r where r.recordedAt < :cutoff", Long.class)
                    .setParameter("cutoff", cutoff).getSingleResult();
            if (through == null) {
                return 0L;
            }
            String lastHash = session.find(AuditRecordRow.class, through).hash();
            long deleted = session.createQuery("delete from AuditRecordRow r where r.sequence <= :through")
                    .setParameter("through", through).executeUpdate();
            AuditCheckpointRow checkpoint = session.find(AuditCheckpointRow.class, AuditCheckpointRow.ID);
            if (checkpoint == null) {
                session.persist(new AuditCheckpointRow(through, lastHash, purgedAt));
            } else {
                checkpoint.move(through, lastHash, purgedAt);
            }
            return deleted;
        });
    }

    /** How a device reference filtered for starts once sealed, when the device has a data key. */
    private Optional<String> sealedPrefix(String value) {
        return SubjectKey.deviceIn(value).flatMap(this::subjectKey).map(key -> SubjectKey.SEALED_DEVICE_PREFIX + key.ref() + ":");
    }

    private AuditRecord record(AuditRecordRow row) {
        return new AuditRecord(row.sequence(), row.recordedAt(), row.action(), row.actor(), row.subject(),
                json.read(row.details()), row.previousHash(), row.hash());
    }

    private <R> R read(String what, Function<EntityManager, R> work) {
        return inTransaction(what, work);
    }

    private <R> R inTransaction(String what, Function<EntityManager, R> work) {
        try {
            EntityManager session = entities.createEntityManager();
            try {
                session.getTransaction().begin();
                R result = work.apply(session);
                session.getTransaction().commit();
                return result;
            } finally {
                try {
                    if (session.isOpen() && session.getTransaction().isActive()) {
                        session.getTransaction().rollback();
                    }
                } finally {
                    session.close(); // returns the connection to the shared pool even when the factory was closed under us
                }
            }
        } catch (RuntimeException e) {
            throw new StoreException("Could not " + what + ": " + e.getMessage(), e);
        }
    }
}
