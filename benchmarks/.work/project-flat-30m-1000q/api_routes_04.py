"""Route handlers."""

from sqlalchemy.ext.asyncio import AsyncSession

import repo_audit_entry
import repo_notification
import repo_review
import repo_supplier
import repo_warehouse


async def repo_warehouse_find_warehouse_order_name(session: AsyncSession, name: str) -> object:
    return await repo_warehouse.find_warehouse_order_name(session, name)


async def repo_warehouse_warehouse_ids_having_folders(session: AsyncSession) -> object:
    return await repo_warehouse.warehouse_ids_having_folders(session)


async def repo_warehouse_list_tags_with_invoice_lines(session: AsyncSession) -> object:
    return await repo_warehouse.list_tags_with_invoice_lines(session)


async def repo_warehouse_get_warehouse_with_order(session: AsyncSession, warehouse_id: int) -> object:
    return await repo_warehouse.get_warehouse_with_order(session, warehouse_id)


async def repo_warehouse_rename_team(session: AsyncSession, team_id: int, name: str) -> object:
    return await repo_warehouse.rename_team(session, team_id, name)


async def repo_warehouse_list_warehouses_with_folders(session: AsyncSession) -> object:
    return await repo_warehouse.list_warehouses_with_folders(session)


async def repo_warehouse_find_address_category_name(session: AsyncSession, name: str) -> object:
    return await repo_warehouse.find_address_category_name(session, name)


async def repo_warehouse_list_order_lines_in_milestone(session: AsyncSession, parent_name: str) -> object:
    return await repo_warehouse.list_order_lines_in_milestone(session, parent_name)


async def repo_warehouse_get_warehouse_with_folders(session: AsyncSession, warehouse_id: int) -> object:
    return await repo_warehouse.get_warehouse_with_folders(session, warehouse_id)


async def repo_warehouse_scan_tags_folders(session: AsyncSession) -> object:
    return await repo_warehouse.scan_tags_folders(session)


async def repo_supplier_get_user_payments_serialized(session: AsyncSession, user_id: int) -> object:
    return await repo_supplier.get_user_payments_serialized(session, user_id)


async def repo_supplier_role_notification_on_demand(session: AsyncSession, role_id: int) -> object:
    return await repo_supplier.role_notification_on_demand(session, role_id)


async def repo_supplier_get_supplier_with_shipment_v2(session: AsyncSession, supplier_id: int) -> object:
    return await repo_supplier.get_supplier_with_shipment_v2(session, supplier_id)


async def repo_supplier_list_users_with_payments(session: AsyncSession) -> object:
    return await repo_supplier.list_users_with_payments(session)


async def repo_supplier_supplier_weight(session: AsyncSession, supplier_id: int) -> object:
    return await repo_supplier.supplier_weight(session, supplier_id)


async def repo_supplier_product_ids_having_audit_entries(session: AsyncSession) -> object:
    return await repo_supplier.product_ids_having_audit_entries(session)


async def repo_supplier_create_supplier_v3(session: AsyncSession, name: str, shipment_id: int | None) -> object:
    return await repo_supplier.create_supplier_v3(session, name, shipment_id)


async def repo_supplier_create_shipment(session: AsyncSession, name: str, user_id: int) -> object:
    return await repo_supplier.create_shipment(session, name, user_id)


async def repo_supplier_find_order_project_name(session: AsyncSession, name: str) -> object:
    return await repo_supplier.find_order_project_name(session, name)


async def repo_supplier_count_suppliers_by_shipment_id(session: AsyncSession, shipment_id: int) -> object:
    return await repo_supplier.count_suppliers_by_shipment_id(session, shipment_id)


async def repo_review_create_attachment(session: AsyncSession, name: str, user_id: int, team_id: int) -> object:
    return await repo_review.create_attachment(session, name, user_id, team_id)


async def repo_review_rename_review(session: AsyncSession, review_id: int, name: str) -> object:
    return await repo_review.rename_review(session, review_id, name)


async def repo_review_create_review(session: AsyncSession, name: str, customer_id: int) -> object:
    return await repo_review.create_review(session, name, customer_id)


async def repo_review_get_project_with_orders(session: AsyncSession, project_id: int) -> object:
    return await repo_review.get_project_with_orders(session, project_id)


async def repo_review_list_customers_joined_reviews(session: AsyncSession) -> object:
    return await repo_review.list_customers_joined_reviews(session)


async def repo_review_list_tasks_eager(session: AsyncSession) -> object:
    return await repo_review.list_tasks_eager(session)


async def repo_review_list_shipments_with_suppliers(session: AsyncSession) -> object:
    return await repo_review.list_shipments_with_suppliers(session)


async def repo_review_find_tag_comment_name(session: AsyncSession, name: str) -> object:
    return await repo_review.find_tag_comment_name(session, name)


async def repo_review_scan_milestones_categories(session: AsyncSession) -> object:
    return await repo_review.scan_milestones_categories(session)


async def repo_review_list_categories_joined_payments(session: AsyncSession) -> object:
    return await repo_review.list_categories_joined_payments(session)


async def repo_review_rename_review_v3(session: AsyncSession, review_id: int, name: str) -> object:
    return await repo_review.rename_review_v3(session, review_id, name)


async def repo_notification_delete_notification(session: AsyncSession, notification_id: int) -> object:
    return await repo_notification.delete_notification(session, notification_id)


async def repo_notification_get_notification_roles_serialized(session: AsyncSession, notification_id: int) -> object:
    return await repo_notification.get_notification_roles_serialized(session, notification_id)


async def repo_notification_load_product_webhooks_attachments(session: AsyncSession, product_id: int) -> object:
    return await repo_notification.load_product_webhooks_attachments(session, product_id)


async def repo_notification_get_notification_with_roles(session: AsyncSession, notification_id: int) -> object:
    return await repo_notification.get_notification_with_roles(session, notification_id)


async def repo_notification_list_notifications_with_roles_v2(session: AsyncSession) -> object:
    return await repo_notification.list_notifications_with_roles_v2(session)


async def repo_notification_list_notifications_eager(session: AsyncSession) -> object:
    return await repo_notification.list_notifications_eager(session)


async def repo_notification_stream_notifications_roles(session: AsyncSession) -> object:
    return await repo_notification.stream_notifications_roles(session)


async def repo_audit_entry_audit_entry_weight(session: AsyncSession, audit_entry_id: int) -> object:
    return await repo_audit_entry.audit_entry_weight(session, audit_entry_id)


async def repo_audit_entry_delete_audit_entry(session: AsyncSession, audit_entry_id: int) -> object:
    return await repo_audit_entry.delete_audit_entry(session, audit_entry_id)


async def repo_audit_entry_get_audit_entry_with_product(session: AsyncSession, audit_entry_id: int) -> object:
    return await repo_audit_entry.get_audit_entry_with_product(session, audit_entry_id)


async def repo_audit_entry_order_line_ids_having_addresses(session: AsyncSession) -> object:
    return await repo_audit_entry.order_line_ids_having_addresses(session)


async def repo_audit_entry_audit_entry_product_on_demand_v2(session: AsyncSession, audit_entry_id: int) -> object:
    return await repo_audit_entry.audit_entry_product_on_demand_v2(session, audit_entry_id)


async def repo_audit_entry_create_audit_entry_v3(session: AsyncSession, name: str, product_id: int) -> object:
    return await repo_audit_entry.create_audit_entry_v3(session, name, product_id)


async def repo_audit_entry_load_organization_webhooks_organization(session: AsyncSession, organization_id: int) -> object:
    return await repo_audit_entry.load_organization_webhooks_organization(session, organization_id)
