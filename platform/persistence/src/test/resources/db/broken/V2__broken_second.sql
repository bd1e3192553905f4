create tabel broken_second (id bigint not null);
