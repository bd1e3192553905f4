create table broken_first (id bigint not null);
