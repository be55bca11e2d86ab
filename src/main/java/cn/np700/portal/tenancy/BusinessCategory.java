package cn.np700.portal.tenancy;

public enum BusinessCategory {
    EXPRESS_LOGISTICS, FOOD_DELIVERY, RIDE_HAILING, E_COMMERCE, LOCAL_SERVICES, OTHER
}
