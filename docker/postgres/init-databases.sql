-- Runs once, when the postgres volume is first initialised (official image).
-- Each service owns its database. The migrate containers also create theirs
-- when absent, so images without init-script support work too.
SELECT 'CREATE DATABASE catalog' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'catalog')\gexec
SELECT 'CREATE DATABASE orders' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'orders')\gexec
