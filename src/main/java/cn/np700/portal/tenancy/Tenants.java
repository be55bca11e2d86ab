package cn.np700.portal.tenancy;

import java.util.List;
import org.springframework.data.repository.ListCrudRepository;

interface Tenants extends ListCrudRepository<Tenant, Long> {

    List<Tenant> findAllByOrderByName();
}
