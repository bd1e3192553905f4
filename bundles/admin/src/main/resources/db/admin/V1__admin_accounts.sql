-- Admin accounts: passwords only as Argon2id PHC strings.
create table admin_account (
    username             varchar(64)                 not null,
    password_hash        varchar(200)                not null,
    must_change_password boolean                     not null,
    password_changed_at  timestamp(6) with time zone not null,
    constraint admin_account_pk primary key (username)
);
