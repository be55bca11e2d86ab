package cn.np700.portal.database;

import cn.np700.portal.scope.TenantId;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.data.convert.ReadingConverter;
import org.springframework.data.convert.WritingConverter;
import org.springframework.data.jdbc.core.convert.JdbcCustomConversions;

/** Lets an aggregate hold its tenant as a {@link TenantId} while the column stays a BIGINT. */
@Configuration(proxyBeanMethods = false)
class TenantIdConversions {

    @Bean
    JdbcCustomConversions jdbcCustomConversions() {
        return new JdbcCustomConversions(List.of(new Write(), new Read()));
    }

    @WritingConverter
    static final class Write implements Converter<TenantId, Long> {
        @Override
        public Long convert(TenantId source) {
            return source.value();
        }
    }

    @ReadingConverter
    static final class Read implements Converter<Long, TenantId> {
        @Override
        public TenantId convert(Long source) {
            return TenantId.of(source);
        }
    }
}
