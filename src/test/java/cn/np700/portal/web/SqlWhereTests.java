package cn.np700.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SqlWhereTests {

    @Test
    void wildcardsTypedByAUserAreTakenLiterally() {
        assertThat(SqlWhere.contains("50%_off\\")).isEqualTo("%50\\%\\_off\\\\%");
    }

    @Test
    void conditionsAreJoinedWithAndAndKeepTheirValuesInOrderNullIncluded() {
        SqlWhere where = new SqlWhere().and("tenant_id <=> ?", (Object) null).and("a = ? OR b = ?", 1, 2);
        assertThat(where.sql()).isEqualTo(" WHERE 1 = 1 AND (tenant_id <=> ?) AND (a = ? OR b = ?)");
        assertThat(where.params()).containsExactly(null, 1, 2);
    }
}
