package cn.np700.portal.database;

import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.aop.Advisor;
import org.springframework.aop.ProxyMethodInvocation;
import org.springframework.aop.support.ComposablePointcut;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.core.Ordered;

/** Applies {@link TransientFailureRetry} to methods marked {@link RetryOnTransientFailure}. */
@Configuration(proxyBeanMethods = false)
class TransientFailureRetryConfiguration {

    /**
     * One step outside the transaction advisor (which has the lowest precedence), so that each retry starts a new
     * transaction and a failure at commit reaches the retry. Infrastructure, so that the proxy creator the transaction
     * support registers applies it too; the policy is looked up at the first call, not while post-processors are made.
     * Each attempt proceeds from a clone of the invocation: proceeding twice from the same one would skip the advice
     * already passed, so a retry would run the method without its transaction.
     */
    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static Advisor transientFailureRetryAdvisor(ObjectProvider<TransientFailureRetry> retry) {
        ComposablePointcut marked = new ComposablePointcut(new AnnotationMatchingPointcut(RetryOnTransientFailure.class, true))
                .union(AnnotationMatchingPointcut.forMethodAnnotation(RetryOnTransientFailure.class));
        MethodInterceptor interceptor = invocation -> retry.getObject().call(() -> freshCopy(invocation).proceed());
        DefaultPointcutAdvisor advisor = new DefaultPointcutAdvisor(marked, interceptor);
        advisor.setOrder(Ordered.LOWEST_PRECEDENCE - 1);
        return advisor;
    }

    private static MethodInvocation freshCopy(MethodInvocation invocation) {
        return invocation instanceof ProxyMethodInvocation proxied ? proxied.invocableClone() : invocation;
    }
}
