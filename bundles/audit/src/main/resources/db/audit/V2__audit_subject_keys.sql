-- Crypto-shredding (docs/security.md, "Erasing a device"): what an event says about a device is stored
-- sealed (AES-256-GCM) under that device's data key, kept here. Erasing the device deletes its row, so the
-- sealed texts can no longer be read, while the chain, which hashes them as stored, still verifies.
-- subject_ref is random and is what sealed texts name, so nothing in audit_record names the device in clear.
create table audit_subject_key (
    subject_ref varchar(24)                 not null,
    device_id   varchar(64)                 not null,
    data_key    varchar(44)                 not null,
    created_at  timestamp(6) with time zone not null,
    constraint audit_subject_key_pk primary key (subject_ref),
    constraint audit_subject_key_device unique (device_id)
);
