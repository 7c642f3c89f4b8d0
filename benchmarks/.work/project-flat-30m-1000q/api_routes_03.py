"""Route handlers."""

from sqlalchemy.ext.asyncio import AsyncSession

import repo_address
import repo_customer
import repo_order_line
import repo_payment
import repo_shipment


async def repo_order_line_list_attachments_in_team(session: AsyncSession, parent_name: str) -> object:
    return await repo_order_line.list_attachments_in_team(session, parent_name)


async def repo_order_line_get_order_line_with_addresses(session: AsyncSession, order_line_id: int) -> object:
    return await repo_order_line.get_order_line_with_addresses(session, order_line_id)


async def repo_order_line_get_order_line_with_addresses_v2(session: AsyncSession, order_line_id: int) -> object:
    return await repo_order_line.get_order_line_with_addresses_v2(session, order_line_id)


async def repo_order_line_scan_organizations_users(session: AsyncSession) -> object:
    return await repo_order_line.scan_organizations_users(session)


async def repo_order_line_get_order_line_with_comment(session: AsyncSession, order_line_id: int) -> object:
    return await repo_order_line.get_order_line_with_comment(session, order_line_id)


async def repo_order_line_rename_order(session: AsyncSession, order_id: int, name: str) -> object:
    return await repo_order_line.rename_order(session, order_id, name)


async def repo_order_line_order_line_weight_v2(session: AsyncSession, order_line_id: int) -> object:
    return await repo_order_line.order_line_weight_v2(session, order_line_id)


async def repo_order_line_delete_shipment(session: AsyncSession, shipment_id: int) -> object:
    return await repo_order_line.delete_shipment(session, shipment_id)


async def repo_order_line_get_order_line_with_comment_v2(session: AsyncSession, order_line_id: int) -> object:
    return await repo_order_line.get_order_line_with_comment_v2(session, order_line_id)


async def repo_customer_delete_customer(session: AsyncSession, customer_id: int) -> object:
    return await repo_customer.delete_customer(session, customer_id)


async def repo_customer_create_customer(session: AsyncSession, name: str, task_id: int, sprint_id: int) -> object:
    return await repo_customer.create_customer(session, name, task_id, sprint_id)


async def repo_customer_find_customer_task_name(session: AsyncSession, name: str) -> object:
    return await repo_customer.find_customer_task_name(session, name)


async def repo_customer_list_customers_joined_reviews(session: AsyncSession) -> object:
    return await repo_customer.list_customers_joined_reviews(session)


async def repo_customer_customer_weight(session: AsyncSession, customer_id: int) -> object:
    return await repo_customer.customer_weight(session, customer_id)


async def repo_customer_list_customers_with_reviews_v4(session: AsyncSession) -> object:
    return await repo_customer.list_customers_with_reviews_v4(session)


async def repo_address_count_addresses_by_category_id(session: AsyncSession, category_id: int) -> object:
    return await repo_address.count_addresses_by_category_id(session, category_id)


async def repo_address_find_address_order_line_name(session: AsyncSession, name: str) -> object:
    return await repo_address.find_address_order_line_name(session, name)


async def repo_address_organization_weight(session: AsyncSession, organization_id: int) -> object:
    return await repo_address.organization_weight(session, organization_id)


async def repo_address_load_address_organizations_categories(session: AsyncSession, address_id: int) -> object:
    return await repo_address.load_address_organizations_categories(session, address_id)


async def repo_address_get_invoice_with_tag(session: AsyncSession, invoice_id: int) -> object:
    return await repo_address.get_invoice_with_tag(session, invoice_id)


async def repo_payment_create_payment(session: AsyncSession, name: str, organization_id: int, milestone_id: int | None) -> object:
    return await repo_payment.create_payment(session, name, organization_id, milestone_id)


async def repo_payment_count_payments_by_organization_id(session: AsyncSession, organization_id: int) -> object:
    return await repo_payment.count_payments_by_organization_id(session, organization_id)


async def repo_payment_list_warehouses_eager(session: AsyncSession) -> object:
    return await repo_payment.list_warehouses_eager(session)


async def repo_payment_scan_users_shipments(session: AsyncSession) -> object:
    return await repo_payment.scan_users_shipments(session)


async def repo_payment_get_payment_with_folders(session: AsyncSession, payment_id: int) -> object:
    return await repo_payment.get_payment_with_folders(session, payment_id)


async def repo_payment_rename_payment(session: AsyncSession, payment_id: int, name: str) -> object:
    return await repo_payment.rename_payment(session, payment_id, name)


async def repo_payment_get_team_with_tasks(session: AsyncSession, team_id: int) -> object:
    return await repo_payment.get_team_with_tasks(session, team_id)


async def repo_shipment_get_shipment_suppliers_count(session: AsyncSession, shipment_id: int) -> object:
    return await repo_shipment.get_shipment_suppliers_count(session, shipment_id)


async def repo_shipment_get_warehouse_folders_serialized(session: AsyncSession, warehouse_id: int) -> object:
    return await repo_shipment.get_warehouse_folders_serialized(session, warehouse_id)


async def repo_shipment_find_category_milestone_name(session: AsyncSession, name: str) -> object:
    return await repo_shipment.find_category_milestone_name(session, name)


async def repo_shipment_shipment_weight(session: AsyncSession, shipment_id: int) -> object:
    return await repo_shipment.shipment_weight(session, shipment_id)


async def repo_shipment_shipment_weight_v3(session: AsyncSession, shipment_id: int) -> object:
    return await repo_shipment.shipment_weight_v3(session, shipment_id)


async def repo_shipment_find_invoice_sprint_name(session: AsyncSession, name: str) -> object:
    return await repo_shipment.find_invoice_sprint_name(session, name)
