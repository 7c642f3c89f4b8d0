"""Route handlers."""

from sqlalchemy.ext.asyncio import AsyncSession

import repo_attachment_2
import repo_comment_2
import repo_milestone_2
import repo_sprint_2
import repo_tag_2


async def repo_comment_2_rename_audit_entry(session: AsyncSession, audit_entry_id: int, name: str) -> object:
    return await repo_comment_2.rename_audit_entry(session, audit_entry_id, name)


async def repo_comment_2_find_comment_task_name(session: AsyncSession, name: str) -> object:
    return await repo_comment_2.find_comment_task_name(session, name)


async def repo_comment_2_list_users_with_attachments(session: AsyncSession) -> object:
    return await repo_comment_2.list_users_with_attachments(session)


async def repo_comment_2_rename_comment_v2(session: AsyncSession, comment_id: int, name: str) -> object:
    return await repo_comment_2.rename_comment_v2(session, comment_id, name)


async def repo_comment_2_list_comment_task_pairs(session: AsyncSession) -> object:
    return await repo_comment_2.list_comment_task_pairs(session)


async def repo_tag_2_find_tag_comment_name(session: AsyncSession, name: str) -> object:
    return await repo_tag_2.find_tag_comment_name(session, name)


async def repo_tag_2_find_tag_comment_name_v2(session: AsyncSession, name: str) -> object:
    return await repo_tag_2.find_tag_comment_name_v2(session, name)


async def repo_tag_2_create_tag_v2(session: AsyncSession, name: str, comment_id: int | None) -> object:
    return await repo_tag_2.create_tag_v2(session, name, comment_id)


async def repo_tag_2_stream_tags_folders(session: AsyncSession) -> object:
    return await repo_tag_2.stream_tags_folders(session)


async def repo_tag_2_get_product_with_webhooks(session: AsyncSession, product_id: int) -> object:
    return await repo_tag_2.get_product_with_webhooks(session, product_id)


async def repo_tag_2_get_tag_folders_serialized(session: AsyncSession, tag_id: int) -> object:
    return await repo_tag_2.get_tag_folders_serialized(session, tag_id)


async def repo_milestone_2_find_milestone_task_name(session: AsyncSession, name: str) -> object:
    return await repo_milestone_2.find_milestone_task_name(session, name)


async def repo_milestone_2_get_milestone_with_payments(session: AsyncSession, milestone_id: int) -> object:
    return await repo_milestone_2.get_milestone_with_payments(session, milestone_id)


async def repo_milestone_2_list_category_milestone_pairs(session: AsyncSession) -> object:
    return await repo_milestone_2.list_category_milestone_pairs(session)


async def repo_milestone_2_list_tags_joined_folders(session: AsyncSession) -> object:
    return await repo_milestone_2.list_tags_joined_folders(session)


async def repo_milestone_2_get_review_with_customer(session: AsyncSession, review_id: int) -> object:
    return await repo_milestone_2.get_review_with_customer(session, review_id)


async def repo_milestone_2_list_users_with_shipments(session: AsyncSession) -> object:
    return await repo_milestone_2.list_users_with_shipments(session)


async def repo_sprint_2_list_sprints_with_invoices(session: AsyncSession) -> object:
    return await repo_sprint_2.list_sprints_with_invoices(session)


async def repo_sprint_2_create_sprint(session: AsyncSession, name: str, task_id: int) -> object:
    return await repo_sprint_2.create_sprint(session, name, task_id)


async def repo_sprint_2_list_sprints_with_invoices_v2(session: AsyncSession) -> object:
    return await repo_sprint_2.list_sprints_with_invoices_v2(session)


async def repo_sprint_2_list_sprint_task_pairs(session: AsyncSession) -> object:
    return await repo_sprint_2.list_sprint_task_pairs(session)


async def repo_sprint_2_stream_sprints_customers(session: AsyncSession) -> object:
    return await repo_sprint_2.stream_sprints_customers(session)


async def repo_sprint_2_count_audit_entries_by_product_id(session: AsyncSession, product_id: int) -> object:
    return await repo_sprint_2.count_audit_entries_by_product_id(session, product_id)


async def repo_attachment_2_list_attachments_eager(session: AsyncSession) -> object:
    return await repo_attachment_2.list_attachments_eager(session)


async def repo_attachment_2_rename_attachment_v3(session: AsyncSession, attachment_id: int, name: str) -> object:
    return await repo_attachment_2.rename_attachment_v3(session, attachment_id, name)


async def repo_attachment_2_list_products_with_audit_entries(session: AsyncSession) -> object:
    return await repo_attachment_2.list_products_with_audit_entries(session)


async def repo_attachment_2_load_payment_categories_organization(session: AsyncSession, payment_id: int) -> object:
    return await repo_attachment_2.load_payment_categories_organization(session, payment_id)
