package cn.np700.portal.database;

import cn.np700.portal.support.RecordedStatements;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Lets {@link RecordedStatements} see the routing pool too (the carrier's credential and the routing look-up run
 * there, not on the main pool): the same swap, applied to the pool inside {@link RoutingDatabase}. Outside a
 * recording its connections are the pool's own, untouched.
 */
@Component
class RecordedRoutingStatements implements BeanPostProcessor {

    private final RecordedStatements recorder = new RecordedStatements();

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof RoutingDatabase routing) {
            recorder.postProcessAfterInitialization(routing.dataSource(), beanName + ".pool");
        }
        return bean;
    }
}
