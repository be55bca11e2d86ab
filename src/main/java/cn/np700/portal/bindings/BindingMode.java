package cn.np700.portal.bindings;

/** AXB: A and B reach each other through X. AXN: anyone calling X reaches A, and A calling X reaches N. */
public enum BindingMode {
    AXB, AXN
}
