package cn.np700.portal.numbers;

public enum BlockStatus {
    IN_INVENTORY, ALLOCATED, COOLING, RETIRED
}
