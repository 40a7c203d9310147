package store

import "context"

// scanner is one row to read: *sql.Row or *sql.Rows.
type scanner = interface{ Scan(dest ...any) error }

// queryAll runs query on q and reads every row with scan, in order. Errors are mapped to the
// store's (mapErr); no rows is an empty (nil) slice.
func queryAll[T any](ctx context.Context, q querier, scan func(sc scanner) (T, error), query string, args ...any) ([]T, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, mapErr(err)
		}
		out = append(out, v)
	}
	return out, mapErr(rows.Err())
}

// scanOne reads a row of one column.
func scanOne[T any](sc scanner) (T, error) {
	var v T
	err := sc.Scan(&v)
	return v, err
}
