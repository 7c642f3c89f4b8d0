"""Route handlers."""

from sqlalchemy.ext.asyncio import AsyncSession

import repo_category
import repo_invoice
import repo_invoice_line
import repo_order
import repo_product


async def repo_invoice_scan_tags_folders(session: AsyncSession) -> object:
    return await repo_invoice.scan_tags_folders(session)


async def repo_invoice_get_invoice_with_tag(session: AsyncSession, invoice_id: int) -> object:
    return await repo_invoice.get_invoice_with_tag(session, invoice_id)


async def repo_invoice_list_tasks_with_comments(session: AsyncSession) -> object:
    return await repo_invoice.list_tasks_with_comments(session)


async def repo_invoice_count_invoices_by_tag_id_v2(session: AsyncSession, tag_id: int) -> object:
    return await repo_invoice.count_invoices_by_tag_id_v2(session, tag_id)


async def repo_invoice_line_scan_shipments_suppliers(session: AsyncSession) -> object:
    return await repo_invoice_line.scan_shipments_suppliers(session)


async def repo_invoice_line_create_invoice_line_v2(session: AsyncSession, name: str, tag_id: int, attachment_id: int) -> object:
    return await repo_invoice_line.create_invoice_line_v2(session, name, tag_id, attachment_id)


async def repo_invoice_line_rename_order_line(session: AsyncSession, order_line_id: int, name: str) -> object:
    return await repo_invoice_line.rename_order_line(session, order_line_id, name)


async def repo_invoice_line_invoice_line_weight(session: AsyncSession, invoice_line_id: int) -> object:
    return await repo_invoice_line.invoice_line_weight(session, invoice_line_id)


async def repo_invoice_line_load_notification_roles_notification(session: AsyncSession, notification_id: int) -> object:
    return await repo_invoice_line.load_notification_roles_notification(session, notification_id)


async def repo_invoice_line_list_milestone_task_pairs(session: AsyncSession) -> object:
    return await repo_invoice_line.list_milestone_task_pairs(session)


async def repo_product_get_product_audit_entries_count(session: AsyncSession, product_id: int) -> object:
    return await repo_product.get_product_audit_entries_count(session, product_id)


async def repo_product_product_weight_v3(session: AsyncSession, product_id: int) -> object:
    return await repo_product.product_weight_v3(session, product_id)


async def repo_product_list_products_joined_webhooks(session: AsyncSession) -> object:
    return await repo_product.list_products_joined_webhooks(session)


async def repo_product_count_products_by_invoice_id_v2(session: AsyncSession, invoice_id: int) -> object:
    return await repo_product.count_products_by_invoice_id_v2(session, invoice_id)


async def repo_product_rename_product(session: AsyncSession, product_id: int, name: str) -> object:
    return await repo_product.rename_product(session, product_id, name)


async def repo_category_find_project_organization_name(session: AsyncSession, name: str) -> object:
    return await repo_category.find_project_organization_name(session, name)


async def repo_category_get_attachment_with_webhooks(session: AsyncSession, attachment_id: int) -> object:
    return await repo_category.get_attachment_with_webhooks(session, attachment_id)


async def repo_category_delete_address(session: AsyncSession, address_id: int) -> object:
    return await repo_category.delete_address(session, address_id)


async def repo_category_list_categories_with_payments(session: AsyncSession) -> object:
    return await repo_category.list_categories_with_payments(session)


async def repo_category_category_weight_v2(session: AsyncSession, category_id: int) -> object:
    return await repo_category.category_weight_v2(session, category_id)


async def repo_category_list_categories_with_payments_v2(session: AsyncSession) -> object:
    return await repo_category.list_categories_with_payments_v2(session)


async def repo_category_find_category_organization_name_v2(session: AsyncSession, name: str) -> object:
    return await repo_category.find_category_organization_name_v2(session, name)


async def repo_category_category_milestone_on_demand(session: AsyncSession, category_id: int) -> object:
    return await repo_category.category_milestone_on_demand(session, category_id)


async def repo_category_list_categories_eager(session: AsyncSession) -> object:
    return await repo_category.list_categories_eager(session)


async def repo_order_count_orders_by_project_id(session: AsyncSession, project_id: int) -> object:
    return await repo_order.count_orders_by_project_id(session, project_id)


async def repo_order_list_order_organization_pairs_v2(session: AsyncSession) -> object:
    return await repo_order.list_order_organization_pairs_v2(session)


async def repo_order_list_orders_with_documents(session: AsyncSession) -> object:
    return await repo_order.list_orders_with_documents(session)


async def repo_order_list_tags_with_invoice_lines(session: AsyncSession) -> object:
    return await repo_order.list_tags_with_invoice_lines(session)


async def repo_order_count_orders_by_organization_id(session: AsyncSession, organization_id: int) -> object:
    return await repo_order.count_orders_by_organization_id(session, organization_id)


async def repo_order_get_order_with_organization(session: AsyncSession, order_id: int) -> object:
    return await repo_order.get_order_with_organization(session, order_id)


async def repo_order_list_tags_eager(session: AsyncSession) -> object:
    return await repo_order.list_tags_eager(session)


async def repo_order_find_order_organization_name_v2(session: AsyncSession, name: str) -> object:
    return await repo_order.find_order_organization_name_v2(session, name)
