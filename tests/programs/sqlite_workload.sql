-- SPDX-License-Identifier: LGPL-2.1-or-later
-- The sqlite workload: imports customers.csv, generates 100k orders and 300k order lines
-- with a recursive CTE, builds indexes, then runs joins, aggregates, window functions and
-- sorts whose results are fully ordered, so their text is the same on every correct run.
PRAGMA cache_size = -65536;
PRAGMA journal_mode = OFF;
PRAGMA synchronous = OFF;
CREATE TABLE customers(id INTEGER PRIMARY KEY, name TEXT, city TEXT, born INTEGER);
.mode csv
.import customers.csv customers
.mode list
CREATE TABLE orders(id INTEGER PRIMARY KEY, customer INTEGER, day INTEGER, status TEXT);
CREATE TABLE lines(order_id INTEGER, product INTEGER, quantity INTEGER, price REAL, note TEXT);
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000)
INSERT INTO orders SELECT i, 1 + (i * 7919) % 20000, (i * 104729) % 3650,
       CASE i % 5 WHEN 0 THEN 'open' WHEN 1 THEN 'paid' WHEN 2 THEN 'shipped'
                  WHEN 3 THEN 'returned' ELSE 'closed' END FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300000)
INSERT INTO lines SELECT 1 + (i * 31) % 100000, (i * 613) % 5000, 1 + i % 9,
       ((i * 2654435761) % 100000) / 100.0, printf('note %d %s', i, substr(hex(i * 99991), 1, 6))
  FROM n;
CREATE INDEX orders_customer ON orders(customer);
CREATE INDEX lines_order ON lines(order_id);
CREATE INDEX lines_product ON lines(product, quantity);
SELECT 'customers', count(*), sum(born) FROM customers;
SELECT 'orders', count(*), sum(day), count(DISTINCT customer) FROM orders;
SELECT 'lines', count(*), printf('%.2f', sum(price * quantity)) FROM lines;
SELECT status, count(*), printf('%.2f', sum(l.price * l.quantity))
  FROM orders o JOIN lines l ON l.order_id = o.id GROUP BY status ORDER BY status;
SELECT c.city, count(DISTINCT o.id) AS n, printf('%.2f', sum(l.price * l.quantity)) AS total
  FROM customers c JOIN orders o ON o.customer = c.id JOIN lines l ON l.order_id = o.id
  GROUP BY c.city ORDER BY total DESC, c.city LIMIT 10;
SELECT product, sum(quantity) AS q FROM lines GROUP BY product ORDER BY q DESC, product LIMIT 5;
SELECT name, rank FROM (
  SELECT c.name, rank() OVER (ORDER BY sum(l.quantity) DESC, c.id) AS rank
    FROM customers c JOIN orders o ON o.customer = c.id JOIN lines l ON l.order_id = o.id
   GROUP BY c.id) WHERE rank <= 5 ORDER BY rank;
SELECT note FROM lines ORDER BY note DESC LIMIT 3;
SELECT length(g), substr(g, 10000, 40) FROM (SELECT group_concat(note, ',') AS g FROM
  (SELECT note FROM lines WHERE product < 50 ORDER BY note));
SELECT day / 365 AS year, count(*), sum(CASE WHEN status = 'returned' THEN 1 ELSE 0 END)
  FROM orders GROUP BY year ORDER BY year;
UPDATE lines SET note = upper(note) || ' revised' WHERE quantity = 9;
DELETE FROM orders WHERE status = 'closed';
DELETE FROM lines WHERE order_id NOT IN (SELECT id FROM orders);
SELECT 'after', (SELECT count(*) FROM orders), (SELECT count(*) FROM lines),
       (SELECT count(*) FROM lines WHERE note LIKE '%REVISED');
VACUUM;
PRAGMA integrity_check;
