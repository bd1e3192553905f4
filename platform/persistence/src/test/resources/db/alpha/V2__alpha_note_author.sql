alter table alpha_note add column author varchar(64);
