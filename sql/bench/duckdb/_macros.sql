-- Spark SQL functions the gold SQL uses that DuckDB spells differently, as DuckDB macros, so the translations in
-- this folder keep the marts' own text. Run once per DuckDB connection before the marts.

-- format_number(x, d): x with thousands separators and d decimals, as text (Spark: 1234.5 → '1,234.5')
create or replace macro format_number(x, d) as
    case d when 0 then format('{:,.0f}', x::double)
           when 1 then format('{:,.1f}', x::double)
           when 2 then format('{:,.2f}', x::double)
           else format('{:,.3f}', x::double) end;

-- months_between(later, earlier) of two first-of-month dates: whole months, as Spark gives them (a double)
create or replace macro months_between(later, earlier) as date_diff('month', earlier, later)::double;

-- to_date('2023-06-01')
create or replace macro to_date(s) as cast(s as date);

-- slice(array, start, length): Spark's; DuckDB's list_slice takes the start and end positions
create or replace macro slice(l, s, n) as list_slice(l, s, s + n - 1);

-- array_join(array, separator)
create or replace macro array_join(l, sep) as array_to_string(l, sep);
