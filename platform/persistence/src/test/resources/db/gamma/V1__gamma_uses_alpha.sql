-- maps its entity onto another schema's table name (alpha_note), which the engine refuses
create table alpha_note (id bigint not null, text varchar(200) not null, author varchar(64), constraint alpha_note_pk primary key (id));
