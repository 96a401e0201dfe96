-- The customer table; runs unchanged on MySQL 8.4 (production) and MariaDB 10.11 (tests).
CREATE TABLE customer (
    id            BIGINT       NOT NULL AUTO_INCREMENT,
    first_name    VARCHAR(15)  NOT NULL,
    last_name     VARCHAR(20)  NOT NULL,
    date_of_birth DATE         NOT NULL,
    email         VARCHAR(100) NOT NULL,
    house_flat_no VARCHAR(10)  NOT NULL,
    address_line1 VARCHAR(50)  NOT NULL,
    address_line2 VARCHAR(50)  NULL,
    post_code     VARCHAR(8)   NOT NULL,
    city          VARCHAR(15)  NOT NULL,
    county        VARCHAR(15)  NULL,
    PRIMARY KEY (id),
    CONSTRAINT uk_customer_email UNIQUE (email)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
