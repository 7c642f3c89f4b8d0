"""Route handlers."""

from sqlalchemy.ext.asyncio import AsyncSession

import repo_organization_2
import repo_project_2
import repo_task_2
import repo_team_2
import repo_user_2


async def repo_organization_2_scan_organizations_payments(session: AsyncSession) -> object:
    return await repo_organization_2.scan_organizations_payments(session)


async def repo_organization_2_get_organization_with_teams(session: AsyncSession, organization_id: int) -> object:
    return await repo_organization_2.get_organization_with_teams(session, organization_id)


async def repo_organization_2_rename_organization(session: AsyncSession, organization_id: int, name: str) -> object:
    return await repo_organization_2.rename_organization(session, organization_id, name)


async def repo_organization_2_create_user(session: AsyncSession, name: str, organization_id: int) -> object:
    return await repo_organization_2.create_user(session, name, organization_id)


async def repo_organization_2_organization_ids_having_tasks(session: AsyncSession) -> object:
    return await repo_organization_2.organization_ids_having_tasks(session)


async def repo_organization_2_get_organization_with_payments(session: AsyncSession, organization_id: int) -> object:
    return await repo_organization_2.get_organization_with_payments(session, organization_id)


async def repo_organization_2_list_attachments_eager(session: AsyncSession) -> object:
    return await repo_organization_2.list_attachments_eager(session)


async def repo_user_2_user_shipments_on_demand(session: AsyncSession, user_id: int) -> object:
    return await repo_user_2.user_shipments_on_demand(session, user_id)


async def repo_user_2_get_user_shipments_serialized(session: AsyncSession, user_id: int) -> object:
    return await repo_user_2.get_user_shipments_serialized(session, user_id)


async def repo_user_2_count_users_by_organization_id_v2(session: AsyncSession, organization_id: int) -> object:
    return await repo_user_2.count_users_by_organization_id_v2(session, organization_id)


async def repo_user_2_list_invoices_with_products(session: AsyncSession) -> object:
    return await repo_user_2.list_invoices_with_products(session)


async def repo_user_2_list_users_in_organization_v2(session: AsyncSession, parent_name: str) -> object:
    return await repo_user_2.list_users_in_organization_v2(session, parent_name)


async def repo_team_2_stream_teams_documents(session: AsyncSession) -> object:
    return await repo_team_2.stream_teams_documents(session)


async def repo_team_2_create_webhook(session: AsyncSession, name: str, organization_id: int, product_id: int) -> object:
    return await repo_team_2.create_webhook(session, name, organization_id, product_id)


async def repo_team_2_rename_team(session: AsyncSession, team_id: int, name: str) -> object:
    return await repo_team_2.rename_team(session, team_id, name)


async def repo_team_2_get_team_documents_count(session: AsyncSession, team_id: int) -> object:
    return await repo_team_2.get_team_documents_count(session, team_id)


async def repo_team_2_create_team(session: AsyncSession, name: str, organization_id: int) -> object:
    return await repo_team_2.create_team(session, name, organization_id)


async def repo_team_2_get_address_with_organizations(session: AsyncSession, address_id: int) -> object:
    return await repo_team_2.get_address_with_organizations(session, address_id)


async def repo_project_2_list_comment_task_pairs(session: AsyncSession) -> object:
    return await repo_project_2.list_comment_task_pairs(session)


async def repo_project_2_get_user_attachments_serialized(session: AsyncSession, user_id: int) -> object:
    return await repo_project_2.get_user_attachments_serialized(session, user_id)


async def repo_project_2_get_project_with_organization(session: AsyncSession, project_id: int) -> object:
    return await repo_project_2.get_project_with_organization(session, project_id)


async def repo_project_2_find_project_organization_name_v2(session: AsyncSession, name: str) -> object:
    return await repo_project_2.find_project_organization_name_v2(session, name)


async def repo_project_2_project_weight_v2(session: AsyncSession, project_id: int) -> object:
    return await repo_project_2.project_weight_v2(session, project_id)


async def repo_project_2_count_products_by_invoice_id(session: AsyncSession, invoice_id: int) -> object:
    return await repo_project_2.count_products_by_invoice_id(session, invoice_id)


async def repo_project_2_load_project_orders_warehouses(session: AsyncSession, project_id: int) -> object:
    return await repo_project_2.load_project_orders_warehouses(session, project_id)


async def repo_task_2_stream_tasks_milestones(session: AsyncSession) -> object:
    return await repo_task_2.stream_tasks_milestones(session)


async def repo_task_2_load_milestone_order_lines_milestone(session: AsyncSession, milestone_id: int) -> object:
    return await repo_task_2.load_milestone_order_lines_milestone(session, milestone_id)


async def repo_task_2_find_folder_warehouse_name(session: AsyncSession, name: str) -> object:
    return await repo_task_2.find_folder_warehouse_name(session, name)


async def repo_task_2_list_sprints_joined_customers(session: AsyncSession) -> object:
    return await repo_task_2.list_sprints_joined_customers(session)


async def repo_task_2_list_tasks_eager(session: AsyncSession) -> object:
    return await repo_task_2.list_tasks_eager(session)
