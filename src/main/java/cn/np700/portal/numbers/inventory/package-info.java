/**
 * The platform's inventory of granted blocks: the import (one block, a range or a CSV file, all or nothing, with
 * each problem named by its line), and the operators' inventory page with its filters.
 */
package cn.np700.portal.numbers.inventory;
