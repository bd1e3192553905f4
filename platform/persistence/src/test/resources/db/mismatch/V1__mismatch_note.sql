-- lacks the text column that AlphaNote-like entities map
create table mismatch_note (id bigint not null, constraint mismatch_note_pk primary key (id));
