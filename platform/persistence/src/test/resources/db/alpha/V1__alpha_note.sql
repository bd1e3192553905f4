create table alpha_note (
    id   bigint       not null,
    text varchar(200) not null,
    constraint alpha_note_pk primary key (id)
);
