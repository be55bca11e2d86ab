package cn.np700.portal.numbers.review;

import cn.np700.portal.numbers.Quotas;
import cn.np700.portal.numbers.pool.BlockQueries;
import cn.np700.portal.numbers.pool.BlockRow;
import cn.np700.portal.numbers.pool.PoolQueries;
import cn.np700.portal.numbers.requests.NumberRequest;
import cn.np700.portal.numbers.requests.NumberRequests;
import cn.np700.portal.scope.TenantId;
import cn.np700.portal.tenancy.TenantDirectory;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * What a reviewer needs beside a request: the tenant's declared volume and standing, the blocks it holds with their
 * usage, its quota headroom and the request's timeline.
 */
@Component
class RequestContext {

    private final NumberRequests requests;
    private final BlockQueries blocks;
    private final PoolQueries pool;
    private final Quotas quotas;
    private final TenantDirectory tenants;

    RequestContext(NumberRequests requests, BlockQueries blocks, PoolQueries pool, Quotas quotas,
            TenantDirectory tenants) {
        this.requests = requests;
        this.blocks = blocks;
        this.pool = pool;
        this.quotas = quotas;
        this.tenants = tenants;
    }

    void describe(NumberRequest request, Model model) {
        model.addAttribute("request", request);
        model.addAttribute("tenant", tenants.find(request.tenantId()).orElseThrow());
        List<BlockRow> held = blocks.heldBy(request.tenantId());
        model.addAttribute("held", held);
        model.addAttribute("usage", blocks.usage(held));
        model.addAttribute("quota", quotas.of(request.tenantId()));
        model.addAttribute("liveBindings", pool.liveBindings(request.tenantId()));
        model.addAttribute("timeline", requests.timeline(request.id()));
    }
}
