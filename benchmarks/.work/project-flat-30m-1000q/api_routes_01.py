"""Route handlers."""

from sqlalchemy.ext.asyncio import AsyncSession

import repo_attachment
import repo_comment
import repo_milestone
import repo_sprint
import repo_tag


async def repo_comment_find_comment_task_name(session: AsyncSession, name: str) -> object:
    return await repo_comment.find_comment_task_name(session, name)


async def repo_comment_list_comment_task_pairs(session: AsyncSession) -> object:
    return await repo_comment.list_comment_task_pairs(session)


async def repo_comment_list_comments_eager(session: AsyncSession) -> object:
    return await repo_comment.list_comments_eager(session)


async def repo_comment_get_document_with_teams(session: AsyncSession, document_id: int) -> object:
    return await repo_comment.get_document_with_teams(session, document_id)


async def repo_comment_list_comment_task_pairs_v2(session: AsyncSession) -> object:
    return await repo_comment.list_comment_task_pairs_v2(session)


async def repo_comment_get_comment_with_products(session: AsyncSession, comment_id: int) -> object:
    return await repo_comment.get_comment_with_products(session, comment_id)


async def repo_comment_count_comments_by_task_id_v2(session: AsyncSession, task_id: int) -> object:
    return await repo_comment.count_comments_by_task_id_v2(session, task_id)


async def repo_comment_list_comment_task_pairs_v3(session: AsyncSession) -> object:
    return await repo_comment.list_comment_task_pairs_v3(session)


async def repo_tag_list_tags_with_invoices(session: AsyncSession) -> object:
    return await repo_tag.list_tags_with_invoices(session)


async def repo_tag_get_tag_with_comment(session: AsyncSession, tag_id: int) -> object:
    return await repo_tag.get_tag_with_comment(session, tag_id)


async def repo_tag_get_customer_with_reviews(session: AsyncSession, customer_id: int) -> object:
    return await repo_tag.get_customer_with_reviews(session, customer_id)


async def repo_tag_find_customer_sprint_name(session: AsyncSession, name: str) -> object:
    return await repo_tag.find_customer_sprint_name(session, name)


async def repo_tag_list_customers_with_reviews(session: AsyncSession) -> object:
    return await repo_tag.list_customers_with_reviews(session)


async def repo_milestone_list_milestone_task_pairs(session: AsyncSession) -> object:
    return await repo_milestone.list_milestone_task_pairs(session)


async def repo_milestone_load_customer_reviews_customer(session: AsyncSession, customer_id: int) -> object:
    return await repo_milestone.load_customer_reviews_customer(session, customer_id)


async def repo_milestone_load_invoice_products_webhooks(session: AsyncSession, invoice_id: int) -> object:
    return await repo_milestone.load_invoice_products_webhooks(session, invoice_id)


async def repo_milestone_warehouse_weight(session: AsyncSession, warehouse_id: int) -> object:
    return await repo_milestone.warehouse_weight(session, warehouse_id)


async def repo_milestone_milestone_task_on_demand(session: AsyncSession, milestone_id: int) -> object:
    return await repo_milestone.milestone_task_on_demand(session, milestone_id)


async def repo_milestone_list_supplier_shipment_pairs(session: AsyncSession) -> object:
    return await repo_milestone.list_supplier_shipment_pairs(session)


async def repo_milestone_list_milestones_eager(session: AsyncSession) -> object:
    return await repo_milestone.list_milestones_eager(session)


async def repo_sprint_find_audit_entry_product_name(session: AsyncSession, name: str) -> object:
    return await repo_sprint.find_audit_entry_product_name(session, name)


async def repo_sprint_count_sprints_by_task_id(session: AsyncSession, task_id: int) -> object:
    return await repo_sprint.count_sprints_by_task_id(session, task_id)


async def repo_sprint_create_sprint(session: AsyncSession, name: str, task_id: int) -> object:
    return await repo_sprint.create_sprint(session, name, task_id)


async def repo_sprint_create_sprint_v2(session: AsyncSession, name: str, task_id: int) -> object:
    return await repo_sprint.create_sprint_v2(session, name, task_id)


async def repo_sprint_count_sprints_by_task_id_v2(session: AsyncSession, task_id: int) -> object:
    return await repo_sprint.count_sprints_by_task_id_v2(session, task_id)


async def repo_sprint_create_sprint_v5(session: AsyncSession, name: str, task_id: int) -> object:
    return await repo_sprint.create_sprint_v5(session, name, task_id)


async def repo_sprint_delete_sprint_v2(session: AsyncSession, sprint_id: int) -> object:
    return await repo_sprint.delete_sprint_v2(session, sprint_id)


async def repo_sprint_list_documents_in_order(session: AsyncSession, parent_name: str) -> object:
    return await repo_sprint.list_documents_in_order(session, parent_name)


async def repo_sprint_sprint_weight_v2(session: AsyncSession, sprint_id: int) -> object:
    return await repo_sprint.sprint_weight_v2(session, sprint_id)


async def repo_sprint_get_sprint_with_invoices(session: AsyncSession, sprint_id: int) -> object:
    return await repo_sprint.get_sprint_with_invoices(session, sprint_id)


async def repo_sprint_sprint_weight_v3(session: AsyncSession, sprint_id: int) -> object:
    return await repo_sprint.sprint_weight_v3(session, sprint_id)


async def repo_attachment_attachment_ids_having_invoice_lines(session: AsyncSession) -> object:
    return await repo_attachment.attachment_ids_having_invoice_lines(session)


async def repo_attachment_list_attachment_team_pairs(session: AsyncSession) -> object:
    return await repo_attachment.list_attachment_team_pairs(session)


async def repo_attachment_list_notifications_with_roles(session: AsyncSession) -> object:
    return await repo_attachment.list_notifications_with_roles(session)


async def repo_attachment_stream_sprints_invoices(session: AsyncSession) -> object:
    return await repo_attachment.stream_sprints_invoices(session)


async def repo_attachment_count_attachments_by_user_id(session: AsyncSession, user_id: int) -> object:
    return await repo_attachment.count_attachments_by_user_id(session, user_id)


async def repo_attachment_scan_comments_products(session: AsyncSession) -> object:
    return await repo_attachment.scan_comments_products(session)


async def repo_attachment_create_attachment(session: AsyncSession, name: str, user_id: int, team_id: int) -> object:
    return await repo_attachment.create_attachment(session, name, user_id, team_id)
