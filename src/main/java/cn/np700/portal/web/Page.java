package cn.np700.portal.web;

import java.util.List;
import java.util.function.Function;

/** One page of a server-side paged list, with what the pager needs to draw itself. */
public record Page<T>(List<T> items, int page, int size, long total) {

    public int totalPages() {
        return (int) Math.max(1, (total + size - 1) / size);
    }

    public boolean hasPrevious() {
        return page > 1;
    }

    public boolean hasNext() {
        return page < totalPages();
    }

    public long firstItem() {
        return total == 0 ? 0 : (long) (page - 1) * size + 1;
    }

    public long lastItem() {
        return Math.min(total, (long) page * size);
    }

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), page, size, total);
    }
}
