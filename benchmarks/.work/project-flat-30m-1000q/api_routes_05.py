"""Route handlers."""

from sqlalchemy.ext.asyncio import AsyncSession

import repo_document
import repo_folder
import repo_permission
import repo_role
import repo_webhook


async def repo_role_find_product_invoice_name(session: AsyncSession, name: str) -> object:
    return await repo_role.find_product_invoice_name(session, name)


async def repo_role_list_tasks_eager(session: AsyncSession) -> object:
    return await repo_role.list_tasks_eager(session)


async def repo_role_create_invoice_line(session: AsyncSession, name: str, tag_id: int, attachment_id: int) -> object:
    return await repo_role.create_invoice_line(session, name, tag_id, attachment_id)


async def repo_role_role_notification_on_demand(session: AsyncSession, role_id: int) -> object:
    return await repo_role.role_notification_on_demand(session, role_id)


async def repo_role_load_order_line_addresses_order_line(session: AsyncSession, order_line_id: int) -> object:
    return await repo_role.load_order_line_addresses_order_line(session, order_line_id)


async def repo_role_delete_role(session: AsyncSession, role_id: int) -> object:
    return await repo_role.delete_role(session, role_id)


async def repo_role_milestone_weight(session: AsyncSession, milestone_id: int) -> object:
    return await repo_role.milestone_weight(session, milestone_id)


async def repo_role_list_invoices_eager(session: AsyncSession) -> object:
    return await repo_role.list_invoices_eager(session)


async def repo_role_list_orders_with_warehouses(session: AsyncSession) -> object:
    return await repo_role.list_orders_with_warehouses(session)


async def repo_role_scan_milestones_categories(session: AsyncSession) -> object:
    return await repo_role.scan_milestones_categories(session)


async def repo_role_get_team_attachments_count(session: AsyncSession, team_id: int) -> object:
    return await repo_role.get_team_attachments_count(session, team_id)


async def repo_role_load_webhook_attachments_webhooks(session: AsyncSession, webhook_id: int) -> object:
    return await repo_role.load_webhook_attachments_webhooks(session, webhook_id)


async def repo_role_get_role_with_notification_v3(session: AsyncSession, role_id: int) -> object:
    return await repo_role.get_role_with_notification_v3(session, role_id)


async def repo_permission_find_permission_milestone_name(session: AsyncSession, name: str) -> object:
    return await repo_permission.find_permission_milestone_name(session, name)


async def repo_permission_get_permission_with_milestone_v2(session: AsyncSession, permission_id: int) -> object:
    return await repo_permission.get_permission_with_milestone_v2(session, permission_id)


async def repo_permission_list_projects_eager(session: AsyncSession) -> object:
    return await repo_permission.list_projects_eager(session)


async def repo_permission_get_notification_roles_count(session: AsyncSession, notification_id: int) -> object:
    return await repo_permission.get_notification_roles_count(session, notification_id)


async def repo_permission_list_warehouses_with_folders(session: AsyncSession) -> object:
    return await repo_permission.list_warehouses_with_folders(session)


async def repo_permission_list_warehouses_with_folders_v2(session: AsyncSession) -> object:
    return await repo_permission.list_warehouses_with_folders_v2(session)


async def repo_document_get_document_with_teams(session: AsyncSession, document_id: int) -> object:
    return await repo_document.get_document_with_teams(session, document_id)


async def repo_document_get_document_teams_serialized(session: AsyncSession, document_id: int) -> object:
    return await repo_document.get_document_teams_serialized(session, document_id)


async def repo_document_load_category_payments_organization(session: AsyncSession, category_id: int) -> object:
    return await repo_document.load_category_payments_organization(session, category_id)


async def repo_document_create_document_v2(session: AsyncSession, name: str, order_id: int) -> object:
    return await repo_document.create_document_v2(session, name, order_id)


async def repo_document_get_document_with_teams_v3(session: AsyncSession, document_id: int) -> object:
    return await repo_document.get_document_with_teams_v3(session, document_id)


async def repo_document_comment_ids_having_order_lines(session: AsyncSession) -> object:
    return await repo_document.comment_ids_having_order_lines(session)


async def repo_folder_get_folder_with_warehouse(session: AsyncSession, folder_id: int) -> object:
    return await repo_folder.get_folder_with_warehouse(session, folder_id)


async def repo_folder_list_folders_with_tags(session: AsyncSession) -> object:
    return await repo_folder.list_folders_with_tags(session)


async def repo_folder_find_review_customer_name(session: AsyncSession, name: str) -> object:
    return await repo_folder.find_review_customer_name(session, name)


async def repo_folder_create_folder(session: AsyncSession, name: str, warehouse_id: int) -> object:
    return await repo_folder.create_folder(session, name, warehouse_id)


async def repo_folder_load_folder_payments_categories(session: AsyncSession, folder_id: int) -> object:
    return await repo_folder.load_folder_payments_categories(session, folder_id)


async def repo_folder_find_folder_warehouse_name(session: AsyncSession, name: str) -> object:
    return await repo_folder.find_folder_warehouse_name(session, name)


async def repo_folder_get_folder_with_tags_v2(session: AsyncSession, folder_id: int) -> object:
    return await repo_folder.get_folder_with_tags_v2(session, folder_id)


async def repo_webhook_load_webhook_attachments_webhooks(session: AsyncSession, webhook_id: int) -> object:
    return await repo_webhook.load_webhook_attachments_webhooks(session, webhook_id)


async def repo_webhook_count_webhooks_by_organization_id(session: AsyncSession, organization_id: int) -> object:
    return await repo_webhook.count_webhooks_by_organization_id(session, organization_id)


async def repo_webhook_list_attachments_with_invoice_lines(session: AsyncSession) -> object:
    return await repo_webhook.list_attachments_with_invoice_lines(session)


async def repo_webhook_find_webhook_organization_name(session: AsyncSession, name: str) -> object:
    return await repo_webhook.find_webhook_organization_name(session, name)


async def repo_webhook_list_webhooks_joined_attachments_v2(session: AsyncSession) -> object:
    return await repo_webhook.list_webhooks_joined_attachments_v2(session)


async def repo_webhook_scan_milestones_categories(session: AsyncSession) -> object:
    return await repo_webhook.scan_milestones_categories(session)


async def repo_webhook_webhook_weight(session: AsyncSession, webhook_id: int) -> object:
    return await repo_webhook.webhook_weight(session, webhook_id)
