-- 006-marketing: filled in by its issue; kept so that every branch numbers migrations alike.
SELECT 1;
