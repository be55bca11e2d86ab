package cn.np700.portal.tenancy.tenants;

import java.util.List;
import org.springframework.data.repository.ListCrudRepository;

public interface Tenants extends ListCrudRepository<Tenant, Long> {

    List<Tenant> findAllByOrderByName();
}
