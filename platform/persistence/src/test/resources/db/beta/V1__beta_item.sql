create table beta_item (
    name varchar(64) not null,
    constraint beta_item_pk primary key (name)
);
