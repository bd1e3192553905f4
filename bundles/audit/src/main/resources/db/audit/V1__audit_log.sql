-- The audit log's hash chain. Sequences and hashes are computed by the chain's single writer (the
-- audit bundle); the sequence is the primary key, so a conflicting second writer fails instead of
-- forking the chain. Column lengths are the limits of io.lanvan.api.audit.AuditEvent.
create table audit_record (
    seq           bigint                      not null,
    recorded_at   timestamp(6) with time zone not null,
    action        varchar(100)                not null,
    actor         varchar(200)                not null,
    subject       varchar(500)                not null,
    details       varchar                     not null,
    previous_hash varchar(64)                 not null,
    hash          varchar(64)                 not null,
    constraint audit_record_pk primary key (seq)
);
create index audit_record_recorded_at on audit_record (recorded_at);
create index audit_record_action on audit_record (action);
create index audit_record_actor on audit_record (actor);
create index audit_record_subject on audit_record (subject);

-- Where the kept chain starts after a purge: the last purged record's sequence and hash (one row).
create table audit_checkpoint (
    id        smallint                    not null,
    seq       bigint                      not null,
    hash      varchar(64)                 not null,
    purged_at timestamp(6) with time zone not null,
    constraint audit_checkpoint_pk primary key (id),
    constraint audit_checkpoint_single_row check (id = 1)
);
