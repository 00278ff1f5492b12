-- Append-only, hash-chained record of every write, match query and login. Each row's hash covers its content and
-- the previous row's hash; audit_head holds the newest, so deleting the tail is detected too.
CREATE TABLE audit_log (
    seq       BIGINT PRIMARY KEY,
    at        TIMESTAMP WITH TIME ZONE NOT NULL,
    org_id    BIGINT NOT NULL,
    actor     VARCHAR(200)  NOT NULL,
    action    VARCHAR(60)   NOT NULL,
    target    VARCHAR(200)  NOT NULL,
    detail    VARCHAR(4000) NOT NULL,
    prev_hash VARCHAR(64)   NOT NULL,
    hash      VARCHAR(64)   NOT NULL
);

CREATE TABLE audit_head (
    id   INT PRIMARY KEY,
    seq  BIGINT NOT NULL,
    hash VARCHAR(64) NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
